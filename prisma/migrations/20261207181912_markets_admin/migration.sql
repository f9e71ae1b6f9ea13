-- AlterEnum
ALTER TYPE "MarketKind" ADD VALUE 'doorstep';

-- AlterTable
ALTER TABLE "Market" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "contractEnd" DATE,
ADD COLUMN     "contractStart" DATE,
ADD COLUMN     "guide" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "operatorName" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
