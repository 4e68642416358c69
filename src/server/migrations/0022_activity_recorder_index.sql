-- The personal calendar feed (activities/repository/calendar.ts) finds a user's activities from the user's side, by
-- index: those they recorded (activities_created_by_idx), those they take part in (activity_participants_person_idx)
-- and those of the areas they are the point of contact for, ending after the window opens (activities_area_idx —
-- led by the area, so the per-agreement scans of other statements keep activities_agreement_idx).
CREATE INDEX activities_created_by_idx ON activities (created_by);
CREATE INDEX activities_area_idx ON activities (area_key, agreement_id, end_date);
