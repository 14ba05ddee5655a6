"""Logging in and out, choosing the interface language, the profile, and the coaches
(operators invite them; a new coach chooses a password through the link in the mail)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oogst import policy
from oogst.accounts.forms import (
    CoachInviteForm,
    EmailAuthenticationForm,
    LanguageForm,
    ProfileForm,
)
from oogst.accounts.middleware import SESSION_LANGUAGE_KEY
from oogst.accounts.models import User
from oogst.accounts.services import coach_invite as coach_invite_service
from oogst.accounts.services import coaches

login = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=EmailAuthenticationForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Store the chosen language (for a person also in their profile) and go back."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or request.headers.get("referer") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("dashboard:home")
    response = HttpResponseRedirect(target)
    if not form.is_valid():
        return response
    code = form.cleaned_data["language"]
    if request.user.is_authenticated:
        if request.user.language != code:
            request.user.language = code
            request.user.save(update_fields=["language"])
        request.session[SESSION_LANGUAGE_KEY] = code
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


# ---------------------------------------------------------------- the profile


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """A person's own name, language and reminders."""
    person: User = request.user  # type: ignore[assignment]
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session[SESSION_LANGUAGE_KEY] = person.language
        with translation.override(person.language):
            messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            person.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


# ---------------------------------------------------------------- coaches


@require_http_methods(["GET", "POST"])
@login_required
def coach_invite(request: HttpRequest) -> HttpResponse:
    """The operator's page: the coaches, and inviting one (only coaches start engagements)."""
    person: User = request.user  # type: ignore[assignment]
    if not policy.may_invite_coaches(staff=person.is_staff):
        raise PermissionDenied
    form = CoachInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = coach_invite_service(
                invited_by=person, base_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except OSError:  # the mail server did not take it: nothing is saved
            form.add_error(None, _("The e-mail could not be sent, so nothing was saved."))
        else:
            messages.success(
                request,
                _("%(name)s is a coach now; the invitation was sent to %(email)s.")
                % {"name": invited, "email": invited.email},
            )
            return redirect("accounts:coach_invite")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "coaches": coaches()}
    return render(request, "accounts/coach_invite.html", context, status=status)


@require_http_methods(["GET", "POST"])
def coach_welcome(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in a new coach's mail: choose a password, and be logged in."""
    person = _invited(uidb64, token)
    if person is None:
        return render(request, "engagements/invitation_invalid.html", status=404)
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        auth_login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome: you can start an engagement now."))
        return redirect("dashboard:home")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "accounts/coach_welcome.html", {"form": form, "person": person}, status=status
    )


def _invited(uidb64: str, token: str) -> User | None:
    """The coach a welcome link stands for, while it can still be used."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, UnicodeDecodeError):
        return None
    person = User.objects.filter(pk=pk, is_coach=True).first()
    if person is None or person.has_usable_password():
        return None
    return person if default_token_generator.check_token(person, token) else None
