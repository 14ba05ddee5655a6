from django.urls import path

from oogst.results.views import end_reports, register

app_name = "results"
E = "engagements/<int:engagement_id>"
urlpatterns = [
    path(f"{E}/end-report/", end_reports.end_report, name="end_report"),
    path(f"{E}/end-report/autosave/", end_reports.end_report_autosave, name="end_report_autosave"),
    path(f"{E}/end-report/submit/", end_reports.end_report_submit, name="end_report_submit"),
    path(f"{E}/results/new/", register.result_new, name="result_new"),
    path(f"{E}/results/suggest/", register.suggest_goals, name="suggest_goals"),
    path(f"{E}/results/preview-as-sponsor/", register.sponsor_preview, name="sponsor_preview"),
    path(f"{E}/results/<str:key>/", register.result_detail, name="result"),
    path(f"{E}/results/<str:key>/edit/", register.result_edit, name="result_edit"),
    path(f"{E}/results/<str:key>/judgement/", register.judgement_edit, name="judgement"),
    path(f"{E}/results/<str:key>/consent/", register.consent_toggle, name="consent"),
    path(f"{E}/results/<str:key>/withdraw/", register.result_withdraw_page, name="withdraw"),
    path(f"{E}/results/<str:key>/restore/", register.result_restore_view, name="restore"),
]
