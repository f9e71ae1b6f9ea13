-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('consultation', 'complaint', 'wage_arrears', 'dispute', 'injury');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'in_progress', 'closed');

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "marketId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "assignmentId" TEXT,
    "disputeId" TEXT,
    "workerId" TEXT,
    "employerId" TEXT,
    "openedBy" TEXT NOT NULL,
    "openedByRole" TEXT NOT NULL,
    "contactPhone" TEXT,
    "ownerId" TEXT,
    "status" "CaseStatus" NOT NULL DEFAULT 'open',
    "timeLimitDays" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "overdueAt" TIMESTAMP(3),
    "evidence" JSONB,
    "outcome" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL,
    "n" SERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "by" TEXT,
    "note" TEXT,
    "toAccountId" TEXT,
    "outcome" TEXT,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerHead" (
    "marketId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerHead_pkey" PRIMARY KEY ("marketId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_disputeId_key" ON "Case"("disputeId");

-- CreateIndex
CREATE INDEX "Case_marketId_status_dueAt_idx" ON "Case"("marketId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Case_status_dueAt_idx" ON "Case"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Case_openedBy_idx" ON "Case"("openedBy");

-- CreateIndex
CREATE INDEX "Case_workerId_idx" ON "Case"("workerId");

-- CreateIndex
CREATE INDEX "Case_employerId_idx" ON "Case"("employerId");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_n_idx" ON "CaseEvent"("caseId", "n");

-- CreateIndex
CREATE INDEX "LedgerEntry_marketId_at_idx" ON "LedgerEntry"("marketId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_marketId_seq_key" ON "LedgerEntry"("marketId", "seq");

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
