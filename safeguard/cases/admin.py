"""Cases are managed through the case pages, where object-level access is checked."""
