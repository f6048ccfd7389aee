"""The werkwijze as code: pure Python, no Django, no database."""
