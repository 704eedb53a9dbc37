from django import template

from annuaire.www.views.presentation import tel_href

register = template.Library()
register.filter("tel_href", tel_href)
