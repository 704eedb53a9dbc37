from django import forms


class InviteMemberForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    email = forms.EmailField(
        label="Adresse e-mail", help_text="La personne recevra un lien pour créer son mot de passe."
    )
