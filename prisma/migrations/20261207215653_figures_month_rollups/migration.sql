-- CreateTable
CREATE TABLE "FigureMonth" (
    "month" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "demand" INTEGER NOT NULL,
    "hires" INTEGER NOT NULL,
    "filled" INTEGER NOT NULL,

    CONSTRAINT "FigureMonth_pkey" PRIMARY KEY ("month","regionCode","marketId")
);

-- CreateTable
CREATE TABLE "FigureWageMonth" (
    "month" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "wage" DECIMAL(10,2) NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "FigureWageMonth_pkey" PRIMARY KEY ("month","regionCode","marketId","wage")
);

-- CreateTable
CREATE TABLE "FigureSeekerCount" (
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "seekers" INTEGER NOT NULL,

    CONSTRAINT "FigureSeekerCount_pkey" PRIMARY KEY ("month","scope")
);
