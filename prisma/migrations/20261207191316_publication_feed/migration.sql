-- AlterTable
ALTER TABLE "Shift" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "PublishedMonth" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "figures" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedBy" TEXT NOT NULL,
    "feedSeq" BIGINT NOT NULL,

    CONSTRAINT "PublishedMonth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "canImport" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "FeedKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShiftVersion" (
    "seq" BIGSERIAL NOT NULL,
    "feedSeq" BIGINT,
    "shiftId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "regionCode" TEXT,
    "marketId" TEXT,
    "trade" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL,
    "filled" INTEGER NOT NULL,
    "wageAmount" DECIMAL(10,2) NOT NULL,
    "wageUnit" "WageUnit" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "ShiftStatus" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShiftVersion_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublishedMonth_feedSeq_key" ON "PublishedMonth"("feedSeq");

-- CreateIndex
CREATE UNIQUE INDEX "PublishedMonth_month_regionCode_version_key" ON "PublishedMonth"("month", "regionCode", "version");

-- CreateIndex
CREATE UNIQUE INDEX "FeedKey_keyHash_key" ON "FeedKey"("keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "ShiftVersion_feedSeq_key" ON "ShiftVersion"("feedSeq");

-- CreateIndex
CREATE UNIQUE INDEX "ShiftVersion_shiftId_version_key" ON "ShiftVersion"("shiftId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Shift_source_externalId_key" ON "Shift"("source", "externalId");

-- The provincial feed's shift versions (hand-written: Prisma's schema has no triggers). Appended by the
-- database itself, in the same transaction as the change to "Shift", so that no writer (posting, the
-- accept statement, cancels, closes, attendance) can forget one and a crash cannot lose one. Only a change
-- to a field the feed shows makes a version; a new wave (wave, radiusKm) does not.
CREATE FUNCTION "shift_version_append"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Writers of one shift are serialized by its row lock, and each statement here sees what committed
  -- before it, so the next version number is never taken twice.
  INSERT INTO "ShiftVersion" ("shiftId", "version", "regionCode", "marketId", "trade", "headcount", "filled",
    "wageAmount", "wageUnit", "startsAt", "endsAt", "status", "updatedAt")
  VALUES (NEW."id", COALESCE((SELECT max("version") FROM "ShiftVersion" WHERE "shiftId" = NEW."id"), 0) + 1,
    NEW."regionCode", NEW."marketId", NEW."trade", NEW."headcount", NEW."filled", NEW."wageAmount",
    NEW."wageUnit", NEW."startsAt", NEW."endsAt", NEW."status", NEW."updatedAt");
  RETURN NULL;
END
$$;

CREATE TRIGGER "shift_version_insert" AFTER INSERT ON "Shift"
  FOR EACH ROW EXECUTE FUNCTION "shift_version_append"();

CREATE TRIGGER "shift_version_update" AFTER UPDATE ON "Shift"
  FOR EACH ROW WHEN (
    OLD."status" IS DISTINCT FROM NEW."status" OR OLD."filled" IS DISTINCT FROM NEW."filled"
    OR OLD."headcount" IS DISTINCT FROM NEW."headcount" OR OLD."trade" IS DISTINCT FROM NEW."trade"
    OR OLD."regionCode" IS DISTINCT FROM NEW."regionCode" OR OLD."marketId" IS DISTINCT FROM NEW."marketId"
    OR OLD."wageAmount" IS DISTINCT FROM NEW."wageAmount" OR OLD."wageUnit" IS DISTINCT FROM NEW."wageUnit"
    OR OLD."startsAt" IS DISTINCT FROM NEW."startsAt" OR OLD."endsAt" IS DISTINCT FROM NEW."endsAt"
  ) EXECUTE FUNCTION "shift_version_append"();

-- Shifts that existed before the feed: each starts with its current state as version 1.
INSERT INTO "ShiftVersion" ("shiftId", "version", "regionCode", "marketId", "trade", "headcount", "filled",
  "wageAmount", "wageUnit", "startsAt", "endsAt", "status", "updatedAt")
SELECT "id", 1, "regionCode", "marketId", "trade", "headcount", "filled", "wageAmount", "wageUnit",
  "startsAt", "endsAt", "status", "updatedAt"
FROM "Shift" ORDER BY "createdAt", "id";
