"""Search engines, sharing and the site's public address: sitemaps and robots.txt
(``sitemaps.py``), the absolute address every link is built from (``site_url.py``), page
metadata for the head (``metadata.py``), structured data (``structured_data.py``), third-party
scripts and their origins for the Content Security Policy (``thirdparty.py``), the Advertising
Law check (``adlaw.py``) and pushing new addresses to Baidu and IndexNow (``push.py``)."""
