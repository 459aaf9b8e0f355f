"""nonaligned: an observatory of foreign-policy alignment.

Measures how a state leans between the poles of world politics (US/NATO/EU, Russia/CSTO/CIS,
China, Turkey/OTS, the Non-Aligned Movement) from public records (UN General Assembly votes,
bloc memberships, alliance obligations) and from news text coded into political events.
"""

__version__ = "0.1.0"
