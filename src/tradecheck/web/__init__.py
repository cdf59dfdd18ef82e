"""Web pages served by the API app: server-rendered Jinja templates, no JavaScript.

Every page calls the same service functions as the CLI and the JSON API and
states that answers are decision support, not legal advice. The browser signs in
once with an API key, which is kept in an HttpOnly, SameSite=Strict cookie.
"""
