"""Accounts and roles: the three roles and their permissions, password rules, the account forms,
the site's login and password reset (login.py) and single sign-on (sso.py, providers.py).
The Membership model lives with the other models (``kennisbank.models.accounts``)."""
