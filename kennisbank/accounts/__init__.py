"""Accounts and roles: the three roles and their permissions, password rules, the account forms,
the site's login and password reset (login.py), single sign-on (sso.py, providers.py) and
two-factor authentication (``twofactor``). The Membership model lives with the other models
(``kennisbank.models.accounts``)."""
