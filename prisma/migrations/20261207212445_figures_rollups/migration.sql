-- CreateTable
CREATE TABLE "FigureRollupDay" (
    "day" DATE NOT NULL,
    "dirty" BOOLEAN NOT NULL DEFAULT false,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FigureRollupDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "FigureDay" (
    "day" DATE NOT NULL,
    "marketId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "shiftsPosted" INTEGER NOT NULL,
    "positionsPosted" INTEGER NOT NULL,
    "positionsFilled" INTEGER NOT NULL,
    "hires" INTEGER NOT NULL,
    "assistedHires" INTEGER NOT NULL,
    "lateCancels" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,
    "offers" INTEGER NOT NULL,

    CONSTRAINT "FigureDay_pkey" PRIMARY KEY ("day","marketId","regionCode","trade")
);

-- CreateTable
CREATE TABLE "FigureWage" (
    "day" DATE NOT NULL,
    "marketId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "wage" DECIMAL(10,2) NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "FigureWage_pkey" PRIMARY KEY ("day","marketId","regionCode","trade","kind","wage")
);

-- CreateTable
CREATE TABLE "FigureFill" (
    "day" DATE NOT NULL,
    "marketId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "FigureFill_pkey" PRIMARY KEY ("day","marketId","regionCode","trade","minutes")
);

-- CreateTable
CREATE TABLE "FigureGroupDay" (
    "day" DATE NOT NULL,
    "marketId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "grp" TEXT NOT NULL,
    "hires" INTEGER NOT NULL,
    "earnings" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "FigureGroupDay_pkey" PRIMARY KEY ("day","marketId","regionCode","grp")
);

-- CreateTable
CREATE TABLE "FigureSeeker" (
    "day" DATE NOT NULL,
    "workerId" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "grp" TEXT NOT NULL,
    "hired" BOOLEAN NOT NULL,

    CONSTRAINT "FigureSeeker_pkey" PRIMARY KEY ("day","workerId","trade","regionCode")
);

-- CreateTable
CREATE TABLE "FigureSeekerMonth" (
    "month" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "grp" TEXT NOT NULL,
    "hired" BOOLEAN NOT NULL,

    CONSTRAINT "FigureSeekerMonth_pkey" PRIMARY KEY ("month","workerId","trade","regionCode")
);

-- CreateIndex
CREATE INDEX "FigureDay_regionCode_day_idx" ON "FigureDay"("regionCode", "day");

-- CreateIndex
CREATE INDEX "FigureDay_marketId_day_idx" ON "FigureDay"("marketId", "day");

-- CreateIndex
CREATE INDEX "FigureWage_regionCode_day_idx" ON "FigureWage"("regionCode", "day");

-- CreateIndex
CREATE INDEX "FigureWage_marketId_day_idx" ON "FigureWage"("marketId", "day");

-- CreateIndex
CREATE INDEX "FigureFill_regionCode_day_idx" ON "FigureFill"("regionCode", "day");

-- CreateIndex
CREATE INDEX "FigureFill_marketId_day_idx" ON "FigureFill"("marketId", "day");

-- CreateIndex
CREATE INDEX "FigureGroupDay_regionCode_day_idx" ON "FigureGroupDay"("regionCode", "day");

-- CreateIndex
CREATE INDEX "FigureSeeker_regionCode_day_idx" ON "FigureSeeker"("regionCode", "day");

-- CreateIndex
CREATE INDEX "FigureSeeker_marketId_day_idx" ON "FigureSeeker"("marketId", "day");

-- CreateIndex
CREATE INDEX "FigureSeekerMonth_month_regionCode_idx" ON "FigureSeekerMonth"("month", "regionCode");

-- CreateIndex
CREATE INDEX "FigureSeekerMonth_month_marketId_idx" ON "FigureSeekerMonth"("month", "marketId");

-- CreateIndex
CREATE INDEX "Assignment_createdAt_idx" ON "Assignment"("createdAt");

-- CreateIndex
CREATE INDEX "Offer_createdAt_idx" ON "Offer"("createdAt");
-- A later write to a day whose figures are already rolled up marks that day dirty (docs/figures.md). Days not
-- yet built, and today (always computed live), have no row to mark, so the hot path only reads an index.
CREATE OR REPLACE FUNCTION figures_mark_dirty(d date) RETURNS void LANGUAGE sql AS $$
  UPDATE "FigureRollupDay" SET dirty = true WHERE day = d AND NOT dirty;
$$;

CREATE OR REPLACE FUNCTION figures_dirty_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_mark_dirty((NEW."createdAt" + interval '8 hours')::date);
  IF TG_OP = 'UPDATE' AND OLD."createdAt" IS DISTINCT FROM NEW."createdAt" THEN
    PERFORM figures_mark_dirty((OLD."createdAt" + interval '8 hours')::date);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION figures_dirty_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_mark_dirty(CASE WHEN TG_OP = 'DELETE' THEN OLD.day ELSE NEW.day END);
  RETURN NULL;
END $$;

CREATE TRIGGER "Shift_figures_dirty" AFTER INSERT OR UPDATE ON "Shift" FOR EACH ROW EXECUTE FUNCTION figures_dirty_created();
CREATE TRIGGER "Offer_figures_dirty" AFTER INSERT OR UPDATE ON "Offer" FOR EACH ROW EXECUTE FUNCTION figures_dirty_created();
CREATE TRIGGER "Assignment_figures_dirty" AFTER INSERT OR UPDATE ON "Assignment" FOR EACH ROW EXECUTE FUNCTION figures_dirty_created();
CREATE TRIGGER "WorkerProfile_figures_dirty" AFTER INSERT OR UPDATE OF trades, "regionCode", priority, "homeMarketId", "createdAt" ON "WorkerProfile" FOR EACH ROW EXECUTE FUNCTION figures_dirty_created();
CREATE TRIGGER "WaitingDay_figures_dirty" AFTER INSERT OR UPDATE OR DELETE ON "WaitingDay" FOR EACH ROW EXECUTE FUNCTION figures_dirty_waiting();
