#!/usr/bin/env python3
"""Generates the benchmark LDIF: a suffix, ou=people with N inetOrgPerson entries, groups.

Usage: gen-ldif.py N > people.ldif   (same shape as the Java tests' TestLdif)
"""
import sys

n = int(sys.argv[1])
out = sys.stdout
w = out.write
# no "version: 1" line: slapadd 2.5 refuses it as the first record
w("dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n")
w("dn: ou=people,dc=example,dc=com\nobjectClass: organizationalUnit\nou: people\n\n")
w("dn: ou=groups,dc=example,dc=com\nobjectClass: organizationalUnit\nou: groups\n\n")
for i in range(n):
    w(f"dn: uid=user{i},ou=people,dc=example,dc=com\n"
      f"objectClass: inetOrgPerson\n"
      f"uid: user{i}\n"
      f"cn: User {i} Example\n"
      f"sn: Example{i % 1000}\n"
      f"givenName: User{i}\n"
      f"mail: user{i}@example.com\n"
      f"telephoneNumber: +1 555 {1000000 + i}\n"
      f"employeeNumber: {i}\n"
      f"description: generated person number {i}\n\n")
for g in range(max(1, n // 1000)):
    w(f"dn: cn=group{g},ou=groups,dc=example,dc=com\nobjectClass: groupOfNames\ncn: group{g}\n")
    for m in range(min(n, 10)):
        w(f"member: uid=user{g * 10 + m},ou=people,dc=example,dc=com\n")
    w("\n")
