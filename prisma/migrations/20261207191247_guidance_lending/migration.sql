-- CreateEnum
CREATE TYPE "GuidanceBookingStatus" AS ENUM ('booked', 'attended', 'no_show');

-- CreateEnum
CREATE TYPE "LendableKind" AS ENUM ('tool', 'locker');

-- CreateTable
CREATE TABLE "GuidanceSlot" (
    "id" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "counsellor" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidanceSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidanceBooking" (
    "id" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "bookedBy" TEXT NOT NULL,
    "status" "GuidanceBookingStatus" NOT NULL DEFAULT 'booked',
    "notes" TEXT,
    "referredTo" TEXT,
    "outcomeBy" TEXT,
    "outcomeAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidanceBooking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lendable" (
    "id" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "kind" "LendableKind" NOT NULL,
    "name" TEXT NOT NULL,
    "deposit" DECIMAL(10,2) NOT NULL,
    "loanId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lendable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Loan" (
    "id" TEXT NOT NULL,
    "lendableId" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "lentBy" TEXT NOT NULL,
    "lentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "deposit" DECIMAL(10,2) NOT NULL,
    "returnedAt" TIMESTAMP(3),
    "returnedBy" TEXT,
    "depositRefunded" BOOLEAN,
    "overdueAt" TIMESTAMP(3),

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuidanceSlot_marketId_startsAt_idx" ON "GuidanceSlot"("marketId", "startsAt");

-- CreateIndex
CREATE INDEX "GuidanceSlot_endsAt_idx" ON "GuidanceSlot"("endsAt");

-- CreateIndex
CREATE INDEX "GuidanceBooking_workerId_idx" ON "GuidanceBooking"("workerId");

-- CreateIndex
CREATE INDEX "GuidanceBooking_status_remindedAt_idx" ON "GuidanceBooking"("status", "remindedAt");

-- CreateIndex
CREATE UNIQUE INDEX "GuidanceBooking_slotId_workerId_key" ON "GuidanceBooking"("slotId", "workerId");

-- CreateIndex
CREATE UNIQUE INDEX "Lendable_loanId_key" ON "Lendable"("loanId");

-- CreateIndex
CREATE INDEX "Lendable_marketId_idx" ON "Lendable"("marketId");

-- CreateIndex
CREATE INDEX "Loan_marketId_returnedAt_idx" ON "Loan"("marketId", "returnedAt");

-- CreateIndex
CREATE INDEX "Loan_workerId_returnedAt_idx" ON "Loan"("workerId", "returnedAt");

-- CreateIndex
CREATE INDEX "Loan_returnedAt_dueAt_idx" ON "Loan"("returnedAt", "dueAt");

-- AddForeignKey
ALTER TABLE "GuidanceBooking" ADD CONSTRAINT "GuidanceBooking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "GuidanceSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_lendableId_fkey" FOREIGN KEY ("lendableId") REFERENCES "Lendable"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
