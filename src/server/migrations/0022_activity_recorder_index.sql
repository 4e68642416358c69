-- The personal calendar feed finds the activities a user recorded (activities/repository/calendar.ts) by index,
-- beside those they take part in (activity_participants_person_idx) and those of the areas they are the point of
-- contact for (activities_agreement_area_idx).
CREATE INDEX activities_created_by_idx ON activities (created_by);
CREATE INDEX activities_agreement_area_idx ON activities (agreement_id, area_key, start_date);
