"""Every Redis key Báo nói uses, declared once."""

PREFIX = "baonoi"
ARTICLE = PREFIX + ":article:{id}"  # string: the article's JSON
ARTICLES_BY_TIME = PREFIX + ":articles"  # sorted set: id scored by created_at
AUDIO = PREFIX + ":audio:{key}"  # string: the AudioInfo JSON
LOCK = PREFIX + ":lock:{name}"  # string: holder token, with expiry
COUNTER = PREFIX + ":counter:{name}"  # integer
RATE = PREFIX + ":rate:{bucket}:{client}"  # integer with expiry: per-client rate limit
QUEUE = "baonoi-audio"  # the RQ queue name for synthesis jobs
