import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook
from post_office.models import Email

from annuaire.accounts.models import RoleKind
from annuaire.core.identifiers import finess_with_key
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.models import Offer, Place, Structure
from annuaire.imports.models import ImportRun
from annuaire.imports.template import REQUIRED_COLUMNS, header
from tests.accounts.factories import coordinator, regional_admin, walk_to_publication
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES
from tests.imports.conftest import SIRET_LIGUE, SIRET_MSP, csv_bytes, row

pytestmark = pytest.mark.django_db

WriteFile = Callable[..., Path]


def run(path: Path, user: User, **options: object) -> str:
    out = io.StringIO()
    call_command("import_offres", str(path), user=user.username, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def refused(path: Path, user: User, **options: object) -> ImportRun:
    """Run an import expected to fail: nothing written, the run journalled as refused."""
    before = (Structure.objects.count(), Offer.objects.count(), Place.objects.count())
    with pytest.raises(CommandError, match=r"[Rr]ien n.a été enregistré"):
        run(path, user, **options)
    assert (Structure.objects.count(), Offer.objects.count(), Place.objects.count()) == before
    journal = ImportRun.objects.latest("pk")
    assert journal.outcome == ImportRun.Outcome.REJECTED
    return journal


def test_a_valid_file_creates_structures_offers_and_places_as_drafts(
    importer_user: User, write_file: WriteFile
) -> None:
    path = write_file(
        csv_bytes(
            [
                row(),
                row(
                    offre_intitule="Groupe de parole",
                    categorie="psychologie",
                    sous_categories="groupe-parole-patients",
                    cout="reste-a-charge",
                    cout_montant="5,00",
                    lieu_nom="Antenne de Brest",
                    lieu_commune="Brest",
                    lieu_code_postal="29200",
                ),
            ]
        )
    )
    output = run(path, importer_user)
    assert "Import réussi" in output
    structure = Structure.objects.get()
    assert structure.siret == SIRET_LIGUE and structure.commune_id == QUIMPER
    assert structure.status == PublicationStatus.DRAFT
    sophro = Offer.objects.get(title="Séances de sophrologie")
    assert sophro.status == PublicationStatus.DRAFT
    assert sophro.audiences == ["patients", "proches"]
    assert [p.commune_id for p in sophro.places.all()] == [QUIMPER]
    group = Offer.objects.get(title="Groupe de parole")
    assert group.cost_amount == Decimal("5.00")
    assert [p.commune_id for p in group.places.all()] == [BREST]


def test_a_dry_run_reports_line_by_line_and_writes_nothing_but_the_journal(
    importer_user: User, write_file: WriteFile
) -> None:
    path = write_file(csv_bytes([row(), row(offre_intitule="Art-thérapie", sous_categories="art-therapie")]))
    output = run(path, importer_user, dry_run=True)
    assert "Simulation sans erreur" in output
    assert "ligne 2 : offre « Séances de sophrologie » créée" in output
    assert "ligne 3 : offre « Art-thérapie » créée" in output
    assert Structure.objects.count() == 0 and Offer.objects.count() == 0
    journal = ImportRun.objects.get()
    assert journal.dry_run and journal.outcome == ImportRun.Outcome.SIMULATED
    assert journal.offers_created == 2 and journal.user == importer_user and journal.file_name == "offres.csv"
    assert len(journal.sha256) == 64
    assert journal.report_json["compteurs"]["offers_created"] == 2


def test_a_real_run_is_journalled_with_its_counts(importer_user: User, write_file: WriteFile) -> None:
    run(write_file(csv_bytes([row()])), importer_user)
    journal = ImportRun.objects.get()
    assert not journal.dry_run and journal.outcome == ImportRun.Outcome.IMPORTED
    assert (journal.structures_created, journal.offers_created, journal.places_created) == (1, 1, 1)
    assert "Import réussi" in journal.report_text


def test_reimporting_the_same_file_creates_no_duplicates(importer_user: User, write_file: WriteFile) -> None:
    path = write_file(csv_bytes([row(), row(offre_intitule="Art-thérapie", sous_categories="art-therapie")]))
    run(path, importer_user)
    output = run(path, importer_user)
    assert (Structure.objects.count(), Offer.objects.count(), Place.objects.count()) == (1, 2, 1)
    assert "0 offre(s) créée(s), 0 modifiée(s), 2 inchangée(s)" in output


def test_reimporting_updates_offers_in_place_matched_on_structure_title_and_category(
    importer_user: User, write_file: WriteFile
) -> None:
    run(write_file(csv_bytes([row()])), importer_user)
    offer = Offer.objects.get()
    run(write_file(csv_bytes([row(horaires="Mardi 14 h", sous_categories="sophrologie;relaxation")])), importer_user)
    updated = Offer.objects.get()
    assert updated.pk == offer.pk and updated.uuid == offer.uuid
    assert updated.schedule == "Mardi 14 h"
    assert sorted(s.code for s in updated.subcategories.all()) == ["relaxation", "sophrologie"]


def test_structures_are_matched_on_siret_then_on_finess(importer_user: User, write_file: WriteFile) -> None:
    by_siret = StructureFactory(siret=SIRET_LIGUE, siren=SIRET_LIGUE[:9], kind=StructureKind.LIGUE)
    finess = finess_with_key("29000001")
    by_finess = StructureFactory(siret="", siren="", finess=finess, kind=StructureKind.ETABLISSEMENT_SANTE)
    path = write_file(
        csv_bytes(
            [
                row(structure_nom="Nouveau nom de la Ligue"),
                row(
                    structure_nom="CH de Quimper",
                    structure_type="etablissement-sante",
                    siret="",
                    finess=finess,
                    offre_intitule="Consultation diététique",
                    categorie="nutrition",
                    sous_categories="consultation-dieteticien",
                ),
            ]
        )
    )
    run(path, importer_user)
    assert Structure.objects.count() == 2
    by_siret.refresh_from_db()
    by_finess.refresh_from_db()
    assert by_siret.name == "Nouveau nom de la Ligue"
    assert by_finess.offers.get().title == "Consultation diététique"


def test_an_unchanged_published_offer_stays_published_after_a_reimport(
    importer_user: User, write_file: WriteFile
) -> None:
    path = write_file(csv_bytes([row()]))
    run(path, importer_user)
    walk_to_publication(Offer.objects.get())
    run(path, importer_user)
    assert Offer.objects.get().status == PublicationStatus.PUBLISHED


def test_a_changed_published_offer_stays_visible_while_its_changes_are_reviewed(write_file: WriteFile) -> None:
    dac = coordinator(RoleKind.COORDINATOR_DAC, departements="29")
    run(write_file(csv_bytes([row()])), dac)
    published = walk_to_publication(Offer.objects.get())
    run(write_file(csv_bytes([row(offre_description="Des séances en petit groupe, le mardi.")])), dac, publish=True)
    published.refresh_from_db()
    assert published.status == PublicationStatus.PUBLISHED and published.description == ""
    revision = Offer.objects.get(revision_of=published)
    assert revision.description == "Des séances en petit groupe, le mardi."
    assert revision.status == PublicationStatus.TERRITORIAL_REVIEW


def test_a_published_offer_is_changed_by_import_only_by_someone_with_a_role_on_it(
    importer_user: User, write_file: WriteFile
) -> None:
    run(write_file(csv_bytes([row()])), importer_user)
    walk_to_publication(Offer.objects.get())
    journal = refused(write_file(csv_bytes([row(offre_description="Autre texte")])), importer_user)
    assert "rôle ou le territoire" in journal.report_text
    assert Offer.objects.get().description == ""


# --- malformed files: a clear French message, nothing written ---------------------------------


def test_a_file_in_an_unknown_encoding_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row()], encoding="utf-16")), importer_user)
    assert "Encodage du fichier non reconnu" in journal.report_text
    assert "CSV UTF-8" in journal.report_text


def test_a_windows_1252_file_from_excel_is_accepted(importer_user: User, write_file: WriteFile) -> None:
    run(write_file(csv_bytes([row()], delimiter=";", encoding="cp1252")), importer_user)
    assert Offer.objects.get().title == "Séances de sophrologie"
    assert ImportRun.objects.get().report_json["encodage"] == "windows-1252"


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(importer_user: User, write_file: WriteFile) -> None:
    run(write_file(b"\xef\xbb\xbf" + csv_bytes([row()])), importer_user)
    assert Structure.objects.get().name == "Ligue contre le cancer – Comité 29"


def test_a_file_without_a_required_column_is_refused(importer_user: User, write_file: WriteFile) -> None:
    columns = [name for name in header() if name != "categorie"]
    journal = refused(write_file(csv_bytes([row()], columns=columns)), importer_user)
    assert "Colonnes obligatoires absentes : categorie." in journal.report_text
    assert set(REQUIRED_COLUMNS) >= {"structure_nom", "offre_intitule", "cout"}


def test_a_wrong_siret_is_refused_with_its_line(importer_user: User, write_file: WriteFile) -> None:
    wrong = SIRET_LIGUE[:-1] + str((int(SIRET_LIGUE[-1]) + 1) % 10)
    journal = refused(write_file(csv_bytes([row(), row(siret=wrong, offre_intitule="Autre")])), importer_user)
    assert "ligne 3 : SIRET invalide (clé de contrôle incorrecte)" in journal.report_text
    assert journal.report_json["erreurs"][0]["ligne"] == 3


def test_a_wrong_finess_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(siret="", finess="290000010")])), importer_user)
    assert "ligne 2 : FINESS invalide" in journal.report_text


def test_an_unknown_commune_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(), row(structure_commune="Kemper", siret=SIRET_MSP)])), importer_user)
    assert "ligne 3 : commune inconnue « Kemper »" in journal.report_text


def test_a_commune_is_found_by_name_whatever_accents_and_case(importer_user: User, write_file: WriteFile) -> None:
    run(write_file(csv_bytes([row(structure_commune="QUIMPER", structure_code_postal="29000")])), importer_user)
    assert Structure.objects.get().commune_id == QUIMPER


def test_a_postal_code_of_another_commune_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(structure_code_postal="35000")])), importer_user)
    assert "ligne 2 : le code postal 35000 ne correspond pas à la commune Quimper" in journal.report_text


def test_duplicated_rows_are_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(), row(offre_intitule="Autre"), row()])), importer_user)
    assert "ligne 4 : doublon de la ligne 2" in journal.report_text


def test_the_same_offer_described_twice_differently_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(), row(cout="pris-en-charge")])), importer_user)
    assert "ligne 3 : l'offre « Séances de sophrologie » est déjà décrite pour ce lieu à la ligne 2" in (
        journal.report_text
    )


def test_an_unknown_category_code_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(categorie="bien-etre")])), importer_user)
    assert "ligne 2 : catégorie inconnue « bien-etre »" in journal.report_text


def test_unknown_subcategory_and_vocabulary_codes_are_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(
        write_file(csv_bytes([row(sous_categories="sophrologie;reiki", publics="patients;enfants")])), importer_user
    )
    assert "ligne 2 : sous-catégorie(s) inconnue(s) « reiki »" in journal.report_text
    assert "ligne 2 : code(s) inconnu(s) « enfants » dans la colonne « publics »" in journal.report_text


def test_the_non_conventional_practice_rule_is_applied(importer_user: User, write_file: WriteFile) -> None:
    clinic = row(structure_type="etablissement-sante", structure_nom="Clinique", qualification_praticien="")
    journal = refused(write_file(csv_bytes([clinic])), importer_user)
    assert "ligne 2 : qualification_praticien : Une pratique non conventionnelle ne peut être référencée" in (
        journal.report_text
    )
    qualified = dict(clinic, qualification_praticien="Sophrologue diplômée RNCP")
    run(write_file(csv_bytes([qualified])), importer_user)
    assert Offer.objects.count() == 1


def test_the_cost_rules_are_applied(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(
        write_file(
            csv_bytes(
                [
                    row(cout="reste-a-charge"),
                    row(
                        offre_intitule="Parcours global",
                        parcours_global="oui",
                        cout="reste-a-charge",
                        cout_montant="10",
                    ),
                ]
            )
        ),
        importer_user,
    )
    assert "ligne 2 : cout_montant : Indiquez le montant restant à payer pour la personne." in journal.report_text
    assert "ligne 3 : cout : Le parcours de soins global après cancer est sans frais" in journal.report_text


def test_a_subcategory_of_another_category_is_refused(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(csv_bytes([row(sous_categories="sophrologie;gym-adaptee")])), importer_user)
    assert "n'appartiennent pas à la catégorie choisie" in journal.report_text


def test_one_bad_row_among_good_ones_writes_nothing(importer_user: User, write_file: WriteFile) -> None:
    OfferFactory(title="Déjà là")
    rows = [row(offre_intitule=f"Offre {n}") for n in range(5)] + [row(offre_intitule="X", cout="payant")]
    journal = refused(write_file(csv_bytes(rows)), importer_user)
    assert "ligne 7 : code inconnu « payant » dans la colonne « cout »" in journal.report_text


def test_an_old_excel_file_is_refused_with_advice(importer_user: User, write_file: WriteFile) -> None:
    journal = refused(write_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "offres.xls"), importer_user)
    assert "Classeur Excel (.xlsx)" in journal.report_text


# --- formats, publication, progress --------------------------------------------------------------


def test_an_xlsx_file_is_imported_restoring_codes_stored_as_numbers(importer_user: User, write_file: WriteFile) -> None:
    workbook = Workbook()
    sheet = workbook.active
    names = header()
    sheet.append(names)
    values = row(structure_commune=RENNES, structure_code_postal="35000")
    cells: list[object] = [values.get(name, "") or None for name in names]
    cells[names.index("siret")] = int(SIRET_LIGUE)
    cells[names.index("structure_code_postal")] = 35000
    cells[names.index("delai_rdv_jours")] = 15.0
    sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    run(write_file(buffer.getvalue(), "offres.xlsx"), importer_user)
    offer = Offer.objects.get()
    assert offer.structure.siret == SIRET_LIGUE and offer.structure.commune_id == RENNES
    assert offer.appointment_delay_days == 15


def test_submitting_is_refused_to_people_without_a_coordination_role(
    importer_user: User, write_file: WriteFile
) -> None:
    with pytest.raises(CommandError, match="Seuls les coordinateurs territoriaux"):
        run(write_file(csv_bytes([row()])), importer_user, publish=True)
    assert Offer.objects.count() == 0


def test_an_import_by_a_territorial_coordinator_lands_in_territorial_review(write_file: WriteFile) -> None:
    run(write_file(csv_bytes([row()])), coordinator(RoleKind.COORDINATOR_DAC, departements="29"), publish=True)
    offer = Offer.objects.get()
    assert offer.status == PublicationStatus.TERRITORIAL_REVIEW and not offer.is_published
    assert ImportRun.objects.get().publish


def test_an_import_that_submits_many_offers_tells_each_coordinator_once(write_file: WriteFile) -> None:
    importer, colleague = (coordinator(RoleKind.COORDINATOR_DAC, departements="29") for _ in range(2))
    titles = ["Séances de sophrologie", "Atelier de relaxation", "Groupe de parole"]
    run(write_file(csv_bytes([row(offre_intitule=title) for title in titles])), importer, publish=True)
    assert Offer.objects.filter(status=PublicationStatus.TERRITORIAL_REVIEW).count() == 3
    email = Email.objects.get(to=[colleague.email])
    assert Email.objects.count() == 1  # the importer is not told of their own import
    assert "3 changements à valider" in email.subject and all(title in email.message for title in titles)


def test_an_import_by_a_regional_administrator_lands_in_regional_review(write_file: WriteFile) -> None:
    run(write_file(csv_bytes([row()])), regional_admin("53"), publish=True)
    assert Offer.objects.get().status == PublicationStatus.REGIONAL_REVIEW


def test_nobody_publishes_directly_by_import_not_even_a_superuser(write_file: WriteFile) -> None:
    User.objects.create_superuser("super", password="x")
    with pytest.raises(CommandError):
        run(write_file(csv_bytes([row()])), User.objects.get(username="super"), publish=True)
    assert Offer.objects.published().count() == 0


def test_a_coordinator_cannot_submit_offers_outside_their_territory(write_file: WriteFile) -> None:
    morbihan = coordinator(RoleKind.COORDINATOR_DAC, departements="56")
    journal = refused(write_file(csv_bytes([row()])), morbihan, publish=True)
    assert "ni coordinateur du territoire" in journal.report_text
    assert Offer.objects.count() == 0


def test_the_import_refuses_reflexology_at_an_ordinary_association(importer_user: User, write_file: WriteFile) -> None:
    association = row(
        structure_type="association", structure_nom="Association Bien-être", sous_categories="reflexologie"
    )
    journal = refused(write_file(csv_bytes([association])), importer_user)
    assert "association reconnue" in journal.report_text
    assert Offer.objects.count() == 0


def test_an_unknown_user_is_refused(write_file: WriteFile) -> None:
    with pytest.raises(CommandError, match="Utilisateur « personne » inconnu"):
        call_command("import_offres", str(write_file(csv_bytes([row()]))), user="personne", stdout=io.StringIO())


def test_progress_is_printed_on_stderr_for_large_files(importer_user: User, write_file: WriteFile) -> None:
    rows = [row(offre_intitule=f"Séance {n}") for n in range(250)]
    err = io.StringIO()
    call_command(
        "import_offres",
        str(write_file(csv_bytes(rows))),
        user=importer_user.username,
        dry_run=True,
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "ligne 100/250" in err.getvalue() and "ligne 200/250" in err.getvalue()


def test_the_documented_template_passes_a_dry_run(importer_user: User) -> None:
    template = Path(__file__).resolve().parents[2] / "docs" / "import-template.csv"
    run(template, importer_user, dry_run=True)
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.SIMULATED


def test_the_journal_is_read_only_in_the_admin(
    admin_client: object, importer_user: User, write_file: WriteFile
) -> None:
    run(write_file(csv_bytes([row()])), importer_user, dry_run=True)
    journal = ImportRun.objects.get()
    assert admin_client.get("/admin/imports/importrun/").status_code == 200  # type: ignore[attr-defined]
    assert admin_client.get(f"/admin/imports/importrun/{journal.pk}/change/").status_code == 200  # type: ignore[attr-defined]
    assert admin_client.get("/admin/imports/importrun/add/").status_code == 403  # type: ignore[attr-defined]


def test_the_documented_xlsx_template_passes_a_dry_run(importer_user: User) -> None:
    template = Path(__file__).resolve().parents[2] / "docs" / "import-template.xlsx"
    run(template, importer_user, dry_run=True)
    assert ImportRun.objects.get().offers_created == 2
