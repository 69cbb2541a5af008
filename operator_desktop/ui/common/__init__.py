"""Building blocks shared by the feature widgets: tasks, themes, avatars, wording."""
