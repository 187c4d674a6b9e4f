"""Accounts and roles: the three roles and their permissions, password rules, the account forms,
two-factor authentication (``twofactor``). The Membership model lives with the other models
(``kennisbank.models.accounts``)."""
