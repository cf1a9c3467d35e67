"""Template context every page needs: what the navigation may show this user."""

from plans.access import can_manage_directory


def navigation(request):
    return {"can_manage_directory": can_manage_directory(request.user)}
