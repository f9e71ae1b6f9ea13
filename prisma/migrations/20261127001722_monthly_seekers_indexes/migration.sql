-- DropIndex
DROP INDEX "WaitingDay_day_idx";

-- CreateIndex
CREATE INDEX "WaitingDay_day_regionCode_idx" ON "WaitingDay"("day", "regionCode");

-- CreateIndex
CREATE INDEX "WorkerProfile_createdAt_idx" ON "WorkerProfile"("createdAt");
