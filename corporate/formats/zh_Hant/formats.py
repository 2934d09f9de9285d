# The Traditional Chinese site writes dates as the Simplified one does (2021年6月1日).
from corporate.formats.zh_Hans.formats import *  # noqa: F403
