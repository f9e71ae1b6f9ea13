-- CreateTable
CREATE TABLE "Training" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "trades" TEXT[],
    "regionCode" TEXT NOT NULL,
    "marketId" TEXT,
    "address" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "fee" DECIMAL(10,2) NOT NULL,
    "subsidy" DECIMAL(10,2),
    "seats" INTEGER NOT NULL,
    "signups" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSignup" (
    "trainingId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'signed_up',
    "markedBy" TEXT,
    "markedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSignup_pkey" PRIMARY KEY ("trainingId","workerId")
);

-- CreateTable
CREATE TABLE "TrainingNotice" (
    "trainingId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingNotice_pkey" PRIMARY KEY ("trainingId","workerId")
);

-- CreateTable
CREATE TABLE "TrainingDemand" (
    "workerId" TEXT NOT NULL,
    "trades" TEXT[],
    "note" TEXT,
    "regionCode" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingDemand_pkey" PRIMARY KEY ("workerId")
);

-- CreateIndex
CREATE INDEX "Training_startsAt_idx" ON "Training"("startsAt");

-- CreateIndex
CREATE INDEX "Training_marketId_startsAt_idx" ON "Training"("marketId", "startsAt");

-- CreateIndex
CREATE INDEX "TrainingSignup_workerId_idx" ON "TrainingSignup"("workerId");

-- CreateIndex
CREATE INDEX "TrainingDemand_regionCode_idx" ON "TrainingDemand"("regionCode");

-- AddForeignKey
ALTER TABLE "TrainingSignup" ADD CONSTRAINT "TrainingSignup_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
