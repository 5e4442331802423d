package dev.meshsdk.model;

import java.util.List;
import java.util.Map;

/** The owning team of a product or contract. Members keep any field the standards define in {@code extensions}. */
public record Team(String name, String description, List<Member> members, Map<String, Object> extensions) {
    public Team {
        members = Values.list(members);
        extensions = Values.map(extensions);
    }

    /** A team member; {@code role} is free text in the standards ("owner", "data steward", ...). */
    public record Member(String username, String name, String role, Map<String, Object> extensions) {
        public Member {
            extensions = Values.map(extensions);
        }
    }
}
