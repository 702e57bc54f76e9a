"""Behavioural tests by capability (CheckList: Ribeiro et al., ACL 2020).

`templates` generates the cases from slots; `suite` runs them through the public
API (`notelint.check_text`) and summarises failure rates per capability and rule.
"""
