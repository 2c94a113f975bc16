"""Access expectations for the editing pages (create and edit forms), merged into the matrix in test_tenancy.py.

Officers (administrators and scrutiny officers) edit everything; councillors and the other roles never do. The
council's programme manager is not the manager of the world's programme, so its pages are refused to them too
(programmes/tests/test_editing.py shows a programme's own manager getting in). Another council's administrator
gets a 404 for anything of ours, and a page about their own council where there is no record in the address.
"""

from .matrix import OFFICERS, SIGN_IN

EDITING_MATRIX: dict = {
    # Reviews, their key questions and next steps
    "reviews:review_create": (None, OFFICERS, 200, SIGN_IN),
    "reviews:review_edit": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:question_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:question_edit": (lambda c: [c.review.questions.first().pk], OFFICERS, 404, SIGN_IN),
    "reviews:step_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:step_edit": (lambda c: [c.review.steps.first().pk], OFFICERS, 404, SIGN_IN),
    # Recommendations, action plans and savings estimates
    "reviews:recommendation_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:recommendation_edit": (lambda c: [c.recommendation.pk], OFFICERS, 404, SIGN_IN),
    "reviews:action_create": (lambda c: [c.recommendation.pk], OFFICERS, 404, SIGN_IN),
    "reviews:action_edit": (lambda c: [c.action.pk], OFFICERS, 404, SIGN_IN),
    "reviews:action_revise_target": (lambda c: [c.action.pk], OFFICERS, 404, SIGN_IN),
    "reviews:action_complete": (lambda c: [c.action.pk], OFFICERS, 404, SIGN_IN),
    "reviews:saving_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:saving_edit": (lambda c: [c.review.saving_estimates.first().pk], OFFICERS, 404, SIGN_IN),
    # Cover reports written in Cairn
    "reviews:paper_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:paper_edit": (lambda c: [c.review.papers.first().pk], OFFICERS, 404, SIGN_IN),
    # A review's own budget lines and risks (changed through the programmes pages, which serve both)
    "reviews:budget_line_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    "reviews:risk_create": (lambda c: [c.review.pk], OFFICERS, 404, SIGN_IN),
    # Programmes and projects
    "programmes:programme_create": (None, OFFICERS, 200, SIGN_IN),
    "programmes:programme_edit": (lambda c: [c.programme.pk], OFFICERS, 404, SIGN_IN),
    "programmes:phase_plan_edit": (lambda c: [c.programme.pk], OFFICERS, 404, SIGN_IN),
    "programmes:project_create": (lambda c: [c.programme.pk], OFFICERS, 404, SIGN_IN),
    "programmes:project_edit": (lambda c: [c.project.pk], OFFICERS, 404, SIGN_IN),
    "programmes:milestone_create": (lambda c: [c.project.pk], OFFICERS, 404, SIGN_IN),
    "programmes:milestone_edit": (lambda c: [c.project.milestones.first().pk], OFFICERS, 404, SIGN_IN),
    "programmes:milestone_revise": (lambda c: [c.project.milestones.first().pk], OFFICERS, 404, SIGN_IN),
    "programmes:indicator_create": (lambda c: [c.project.pk], OFFICERS, 404, SIGN_IN),
    "programmes:indicator_edit": (lambda c: [c.indicator.pk], OFFICERS, 404, SIGN_IN),
    "programmes:indicator_rules": (lambda c: [c.indicator.pk], OFFICERS, 404, SIGN_IN),
    "programmes:reading_create": (lambda c: [c.indicator.pk], OFFICERS, 404, SIGN_IN),
    "programmes:reading_revise": (lambda c: [c.indicator.readings.first().pk], OFFICERS, 404, SIGN_IN),
    "programmes:readings_upload": (lambda c: [c.indicator.pk], OFFICERS, 404, SIGN_IN),
    "programmes:budget_line_create": (lambda c: [c.project.pk], OFFICERS, 404, SIGN_IN),
    "programmes:budget_line_edit": (lambda c: [c.project.budget_lines.first().pk], OFFICERS, 404, SIGN_IN),
    "programmes:risk_create": (lambda c: [c.project.pk], OFFICERS, 404, SIGN_IN),
    "programmes:risk_edit": (lambda c: [c.project.risks.first().pk], OFFICERS, 404, SIGN_IN),
    "programmes:risk_close": (lambda c: [c.project.risks.first().pk], OFFICERS, 404, SIGN_IN),
}
