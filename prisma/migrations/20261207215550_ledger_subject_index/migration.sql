-- CreateIndex
CREATE INDEX "LedgerEntry_subject_idx" ON "LedgerEntry"("subject");
