from django.urls import path

from oogst.contracting.views import contract, expectations, goals, parties, sessions

app_name = "contracting"
E = "engagements/<int:engagement_id>"
urlpatterns = [
    path(f"{E}/expectations/", expectations.expectations, name="expectations"),
    path(f"{E}/goals/", goals.goals, name="goals"),
    path(f"{E}/goals/new/", goals.goal_new, name="goal_new"),
    path(f"{E}/goals/smart/", goals.smart_check, name="smart_check"),
    path(f"{E}/goals/<str:key>/edit/", goals.goal_edit, name="goal_edit"),
    path(f"{E}/goals/<str:key>/delete/", goals.goal_delete_page, name="goal_delete"),
    path(f"{E}/goals/<str:key>/amend/", goals.amendment_new, name="amendment_new"),
    path(
        f"{E}/amendments/<int:amendment_id>/accept/",
        goals.amendment_accept,
        name="amendment_accept",
    ),
    path(f"{E}/contract/", contract.contract, name="contract"),
    path(f"{E}/contract/accept/", contract.contract_accept, name="contract_accept"),
    path(f"{E}/invite/", parties.invite, name="invite"),
    path(f"{E}/invite/<str:party>/correct/", parties.invite_correct, name="invite_correct"),
    path(
        f"{E}/parties/changes/<int:change_id>/answer/",
        parties.change_agree,
        name="party_change_answer",
    ),
    path(
        f"{E}/parties/changes/<int:change_id>/withdraw/",
        parties.change_withdraw,
        name="party_change_withdraw",
    ),
    path(f"{E}/join/", parties.join, name="join"),
    path(f"{E}/sessions/", sessions.sessions, name="sessions"),
    path(f"{E}/sessions/new/", sessions.session_new, name="session_new"),
    path(f"{E}/sessions/<int:number>/edit/", sessions.session_edit, name="session_edit"),
    path(f"{E}/sessions/<int:number>/delete/", sessions.session_delete_page, name="session_delete"),
    path(f"{E}/sessions/<int:number>/reflection/", sessions.reflection, name="reflection"),
]
