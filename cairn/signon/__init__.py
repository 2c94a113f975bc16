"""Single sign-on: each council's OpenID Connect provider, the e-mail domains it signs in, and signing in through it."""
