-- CreateEnum
CREATE TYPE "ScopeRole" AS ENUM ('staff', 'admin', 'officer');

-- CreateTable
CREATE TABLE "Scope" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "role" "ScopeRole" NOT NULL,
    "target" TEXT NOT NULL,
    "marketId" TEXT,
    "regionCode" TEXT,
    "grantedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Scope_marketId_idx" ON "Scope"("marketId");

-- CreateIndex
CREATE INDEX "Scope_regionCode_idx" ON "Scope"("regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "Scope_accountId_role_target_key" ON "Scope"("accountId", "role", "target");

-- AddForeignKey
ALTER TABLE "Scope" ADD CONSTRAINT "Scope_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scope" ADD CONSTRAINT "Scope_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE SET NULL ON UPDATE CASCADE;
