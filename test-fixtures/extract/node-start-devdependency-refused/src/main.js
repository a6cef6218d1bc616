import 'lit';
