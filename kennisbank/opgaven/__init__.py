"""Opgaven per gemeente: the admin where figures are entered, the CSV import and export, the
public pages with their server-drawn charts."""
