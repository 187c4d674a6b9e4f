"""Uploaded documents: their text read in the background (tasks) by pure-Python readers
(extraction), so that items are found by their attachments."""
