"""Speech: article units -> spoken text -> audio."""
