from django.shortcuts import render

from .selectors import home_context


def home(request):
    return render(request, "portal/home.html", home_context())
