"""Dashboard views: preview a step for an order, resend a failed email, list failed sends."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView
from oscar.core.loading import get_model

from shop.onboarding import selectors, services
from shop.onboarding.content import onboarding_message_build
from shop.onboarding.models import OnboardingEmail
from shop.onboarding.schedule import onboarding_steps

Order = get_model("order", "Order")


class FailedEmailListView(ListView):
    template_name = "oscar/dashboard/onboarding/failed_list.html"
    context_object_name = "emails"
    paginate_by = 50

    def get_queryset(self):
        return selectors.onboarding_emails_failed()


class EmailPreviewView(TemplateView):
    """The email exactly as the customer gets it (HTML in a frame, text, headers)."""

    template_name = "oscar/dashboard/onboarding/preview.html"

    def get_context_data(self, **kwargs):
        order = get_object_or_404(Order, number=self.kwargs["number"])
        step = self.kwargs["step"]
        if step not in dict(onboarding_steps()):
            raise Http404("No such onboarding step")
        email = selectors.onboarding_customer_email(order=order) or "customer@example.com"
        message = onboarding_message_build(order=order, step=step, email=email)
        return {
            **super().get_context_data(**kwargs),
            "order": order,
            "step": step,
            "steps": [code for code, _ in onboarding_steps()],
            "message": message,
            "html": message.alternatives[0][0],
        }


class EmailResendView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        onboarding_email = get_object_or_404(OnboardingEmail.objects.select_related("order"), pk=pk)
        if services.onboarding_email_resend(onboarding_email=onboarding_email):
            messages.success(request, f"The “{onboarding_email.step}” email will be sent again now.")
        else:
            messages.error(request, f"The “{onboarding_email.step}” email is {onboarding_email.status}, "
                                    "not failed; only failed emails can be resent.")
        return HttpResponseRedirect(
            reverse("dashboard:order-detail", args=[onboarding_email.order.number]) + "#onboarding"
        )
