from django.core.management.base import BaseCommand

from kennisbank.models import Meting
from kennisbank.opgaven.csvfile import write_csv


class Command(BaseCommand):
    help = (
        "Schrijf alle metingen van alle opgaven (ook die alleen voor het netwerk) als CSV naar "
        "standaarduitvoer, in de kolommen van import_opgaven."
    )

    def handle(self, **options):
        write_csv(Meting.objects.all(), self.stdout)
