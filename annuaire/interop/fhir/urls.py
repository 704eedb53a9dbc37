from django.urls import path

from annuaire.interop.fhir import capability, views

app_name = "fhir"

urlpatterns = [
    path("metadata", capability.metadata, name="metadata"),
    path("Organization", views.organization_search, name="organization-search"),
    path("Location", views.location_search, name="location-search"),
    path("HealthcareService", views.healthcare_service_search, name="healthcareservice-search"),
    path("<str:resource_type>/_search", views.post_search, name="post-search"),
    path("Organization/<str:resource_id>", views.organization_read, name="organization-read"),
    path("Location/<str:resource_id>", views.location_read, name="location-read"),
    path("HealthcareService/<str:resource_id>", views.healthcare_service_read, name="healthcareservice-read"),
    path("CodeSystem", views.code_system_search, name="codesystem-search"),
    path("CodeSystem/<str:resource_id>", views.code_system_read, name="codesystem-read"),
    path("StructureDefinition", views.structure_definition_search, name="structuredefinition-search"),
    path("StructureDefinition/<str:resource_id>", views.structure_definition_read, name="structuredefinition-read"),
    path("<str:resource_type>", views.unknown_resource, name="unknown"),
    path("<str:resource_type>/<str:resource_id>", views.unknown_resource, name="unknown-read"),
]
