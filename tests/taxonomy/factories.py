from annuaire.taxonomy.models import Category, SubCategory


def category(code: str) -> Category:
    """A category of the default taxonomy loaded for tests."""
    return Category.objects.get(code=code)


def subcategory(code: str) -> SubCategory:
    return SubCategory.objects.select_related("category").get(code=code)
