"""Following: a user follows a vocabulary term, a Knoop or a search (the models are in
kennisbank/models/follows.py); the digest by e-mail of what was published there since the last
one (digest.py, mails.py, sent by the background worker: tasks.py, from `send_digests`), a
Knoop's followers' alert when it moves, the "Mijn kennisbank" page and the signed unsubscribe
(views.py, urls.py). What a user is sent is what they may see: kennisbank/privacy.py."""
