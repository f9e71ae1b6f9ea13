-- AlterTable
ALTER TABLE "WaitingDay" ADD COLUMN     "lat" DOUBLE PRECISION,
ADD COLUMN     "lng" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "EvaluationThreshold" (
    "regionCode" TEXT NOT NULL,
    "thresholds" JSONB NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvaluationThreshold_pkey" PRIMARY KEY ("regionCode")
);

-- CreateTable
CREATE TABLE "MarketEvaluation" (
    "marketId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "marketName" TEXT NOT NULL,
    "operator" "MarketOperator" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "thresholds" JSONB NOT NULL,
    "scores" JSONB NOT NULL,
    "grade" TEXT NOT NULL,
    "exitFlag" BOOLEAN NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,
    "evaluatedBy" TEXT NOT NULL,

    CONSTRAINT "MarketEvaluation_pkey" PRIMARY KEY ("marketId","period")
);

-- CreateIndex
CREATE INDEX "MarketEvaluation_regionCode_period_idx" ON "MarketEvaluation"("regionCode", "period");
