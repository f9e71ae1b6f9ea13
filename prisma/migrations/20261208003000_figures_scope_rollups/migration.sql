-- The trends' month tables give way to month and day tables per scope (region prefix or market), which the
-- region-month query, a publication and the trends read directly. Built with the days they come from: every
-- built day is marked dirty so that the next read rebuilds the new tables too.
DROP TABLE "FigureMonth";
DROP TABLE "FigureWageMonth";
DROP TABLE "FigureSeekerCount";

CREATE TABLE "FigureScopeMonth" (
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "shiftsPosted" INTEGER NOT NULL,
    "positionsPosted" INTEGER NOT NULL,
    "positionsFilled" INTEGER NOT NULL,
    "hires" INTEGER NOT NULL,
    "assistedHires" INTEGER NOT NULL,
    "lateCancels" INTEGER NOT NULL,
    "noShows" INTEGER NOT NULL,
    "offers" INTEGER NOT NULL,

    CONSTRAINT "FigureScopeMonth_pkey" PRIMARY KEY ("scope","month","trade")
);

CREATE TABLE "FigureScopeWage" (
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "wage" DECIMAL(10,2) NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "FigureScopeWage_pkey" PRIMARY KEY ("scope","month","trade","kind","wage")
);

CREATE TABLE "FigureScopeFill" (
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "FigureScopeFill_pkey" PRIMARY KEY ("scope","month","minutes")
);

CREATE TABLE "FigureScopeGroup" (
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "grp" TEXT NOT NULL,
    "hires" INTEGER NOT NULL,
    "earnings" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "FigureScopeGroup_pkey" PRIMARY KEY ("scope","month","grp")
);

CREATE TABLE "FigureScopeSeekers" (
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "gt" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "seekers" INTEGER NOT NULL,
    "hired" INTEGER NOT NULL,

    CONSTRAINT "FigureScopeSeekers_pkey" PRIMARY KEY ("scope","month","gt","key")
);

CREATE TABLE "FigureScopeDay" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "demand" INTEGER NOT NULL,
    "hires" INTEGER NOT NULL,
    "filled" INTEGER NOT NULL,
    "seekers" INTEGER NOT NULL,

    CONSTRAINT "FigureScopeDay_pkey" PRIMARY KEY ("scope","day")
);

-- Rebuilds delete a month (or a run of days) across every scope.
CREATE INDEX "FigureScopeMonth_month_idx" ON "FigureScopeMonth"("month");
CREATE INDEX "FigureScopeWage_month_idx" ON "FigureScopeWage"("month");
CREATE INDEX "FigureScopeFill_month_idx" ON "FigureScopeFill"("month");
CREATE INDEX "FigureScopeGroup_month_idx" ON "FigureScopeGroup"("month");
CREATE INDEX "FigureScopeSeekers_month_idx" ON "FigureScopeSeekers"("month");
CREATE INDEX "FigureScopeDay_day_idx" ON "FigureScopeDay"("day");

UPDATE "FigureRollupDay" SET dirty = true;
