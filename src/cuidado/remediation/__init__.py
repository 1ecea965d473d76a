"""What to do about it: a ranked cleanup plan, progress tracking, the lawyer's timeline, a pre-post check."""
