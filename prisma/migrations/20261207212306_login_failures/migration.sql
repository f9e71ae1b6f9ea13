-- AlterTable
ALTER TABLE "LoginCode" ADD COLUMN     "requestedFrom" TEXT;

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoginFailure_phone_at_idx" ON "LoginFailure"("phone", "at");
