"""Credit: subjects and events (core), their timelines, classes, lists and key monitoring (marts), under the policy file."""
