-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "assistedBy" TEXT,
ADD COLUMN     "assistedVia" TEXT;

-- AlterTable
ALTER TABLE "WorkerProfile" ADD COLUMN     "assisted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "assistedDay" TEXT,
ADD COLUMN     "assistedTicket" TEXT,
ADD COLUMN     "homeMarketId" TEXT,
ADD COLUMN     "priorityCertificate" TEXT,
ADD COLUMN     "priorityClaim" "PriorityGroup",
ADD COLUMN     "priorityVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "priorityVerifiedBy" TEXT;

-- CreateTable
CREATE TABLE "WalkInTicket" (
    "marketId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WalkInTicket_pkey" PRIMARY KEY ("marketId","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkerProfile_homeMarketId_assistedDay_assistedTicket_key" ON "WorkerProfile"("homeMarketId", "assistedDay", "assistedTicket");

-- What workers declared on their phones until now was never verified: it becomes their claim, and only
-- staff verification (or the birth year, for "older") makes a group count in ranking from here on.
UPDATE "WorkerProfile" SET "priorityClaim" = "priority", "priority" = 'none' WHERE "priority" <> 'none';
