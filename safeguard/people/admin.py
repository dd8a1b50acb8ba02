"""People are managed through the case pages, where access is checked; the admin only lists them
for system administrators with explicit permission."""
