from django.urls import path

from oogst.closing.views import attainment, conversation, engagement, final_report, values

app_name = "closing"
E = "engagements/<int:engagement_id>"
urlpatterns = [
    path(f"{E}/", engagement.engagement, name="engagement"),
    path(f"{E}/closing/", conversation.conversation, name="conversation"),
    path(f"{E}/closing/plan/", conversation.conversation_plan, name="conversation_plan"),
    path(f"{E}/closing/record/", conversation.conversation_record, name="conversation_record"),
    path(f"{E}/closing/decline/", conversation.conversation_decline, name="conversation_decline"),
    path(f"{E}/close/", conversation.engagement_close, name="engagement_close"),
    path(f"{E}/attainment/", attainment.attainment, name="attainment"),
    path(f"{E}/results/<str:key>/value/", values.result_value, name="result_value"),
    path(f"{E}/report/", final_report.final_report, name="final_report"),
    path(f"{E}/report.pdf", final_report.final_report_pdf, name="final_report_pdf"),
]
