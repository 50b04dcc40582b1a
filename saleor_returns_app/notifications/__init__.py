"""Emails to shoppers and staff at each step of a return, sent once by workers."""
