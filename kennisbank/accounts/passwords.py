"""Django's minimum length check, with the Dutch message its translations still lack."""

from django.contrib.auth.password_validation import MinimumLengthValidator


class DutchMinimumLengthValidator(MinimumLengthValidator):
    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens bevatten."
