-- The exams' tables (0021) are watched for changes like every table (0020), but the bookkeeping ones: an import's
-- progress (exam_imports) and the access log of shared results, written while results are read (exam_result_reads).
SELECT hoptac_watch_changes(t) FROM unnest(ARRAY['exams', 'exam_rounds', 'exam_subjects', 'exam_candidates', 'exam_scores', 'exam_consents']::regclass[]) t;
